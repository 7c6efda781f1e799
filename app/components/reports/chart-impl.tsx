import {
  BarController,
  BarElement,
  CategoryScale,
  Chart as ChartJS,
  Legend,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  Tooltip,
  type ChartData,
  type ChartOptions,
} from "chart.js";
import { Chart } from "react-chartjs-2";

// Only what the report draws: bars (splits, distributions, drivers) and lines (trend).
ChartJS.register(BarController, LineController, BarElement, LineElement, PointElement, CategoryScale, LinearScale, Tooltip, Legend);

export type ReportChart =
  | { type: "bar"; data: ChartData<"bar">; options?: ChartOptions<"bar"> }
  | { type: "line"; data: ChartData<"line">; options?: ChartOptions<"line"> };

export default function ChartCanvas({ chart, label }: { chart: ReportChart; label: string }) {
  const common = { responsive: true, maintainAspectRatio: false, animation: false as const };
  return chart.type === "bar" ? (
    <Chart type="bar" data={chart.data} options={{ ...common, ...chart.options }} aria-label={label} role="img" />
  ) : (
    <Chart type="line" data={chart.data} options={{ ...common, ...chart.options }} aria-label={label} role="img" />
  );
}
