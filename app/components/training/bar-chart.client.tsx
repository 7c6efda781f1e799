import { BarElement, CategoryScale, Chart as ChartJS, Legend, LinearScale, Tooltip } from "chart.js";
import { Bar } from "react-chartjs-2";

ChartJS.register(BarElement, CategoryScale, LinearScale, Tooltip, Legend);

export type BarSeries = { label: string; data: (number | null)[]; color: string };

export default function BarChart({
  labels,
  series,
  horizontal,
  ariaLabel,
}: {
  labels: string[];
  series: BarSeries[];
  horizontal?: boolean;
  ariaLabel: string;
}) {
  return (
    <Bar
      aria-label={ariaLabel}
      role="img"
      data={{ labels, datasets: series.map((s) => ({ label: s.label, data: s.data, backgroundColor: s.color })) }}
      options={{
        indexAxis: horizontal ? "y" : "x",
        responsive: true,
        maintainAspectRatio: false,
        animation: false,
        plugins: { legend: { display: series.length > 1 } },
      }}
    />
  );
}
