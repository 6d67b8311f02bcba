/** The package's root folder. */
export const ROOT: string;
/** The folder of the compiled build for the sources as they are now. */
export function buildDir(): string;
/** Compiles src/ into `dir`. */
export function build(dir: string): Promise<void>;
/** Packages compiled into the build; every other one is loaded from node_modules. */
export const BUNDLED: readonly string[];
/** The package a bare import names (`@scope/name/sub` → `@scope/name`). */
export function packageOf(specifier: string): string;
