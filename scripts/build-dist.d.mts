export declare const ROOT: string;
export declare const DIST: string;
export declare function buildIsFresh(): Promise<boolean>;
export declare function buildDist(): Promise<{ files: number; ms: number }>;
export declare function ensureBuilt(): Promise<{ built: false } | { built: true; files: number; ms: number }>;
export declare function bundledEntry(rel: string): Promise<string | null>;
