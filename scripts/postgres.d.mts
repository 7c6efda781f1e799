export const PORT: number;
export function postgresUrl(database?: string): string;
export function startPostgres(): string;
export function stopPostgres(): void;
export function adminQuery(...statements: string[]): Promise<{ rows: Record<string, unknown>[] }[]>;
export function createDatabase(name: string, template?: string): Promise<string>;
