export const PORT: number;
export function postgresUrl(database?: string): string;
export function startPostgres(): string;
export function stopPostgres(): void;
