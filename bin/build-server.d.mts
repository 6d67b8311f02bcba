/** The package's root folder. */
export const ROOT: string;
/** The folder of the compiled build for the sources as they are now. */
export function buildDir(): string;
/** Compiles src/ into `dir`. */
export function build(dir: string): Promise<void>;
