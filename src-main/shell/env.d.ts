// Module forms the electron-vite build resolves (see electron-vite/node.d.ts); declared here
// rather than referencing that file, whose globals (import.meta.env…) would leak into all of src-main.

/** A file copied into the build; the import is its absolute path at run time. */
declare module '*?asset' {
  const file: string;
  export default file;
}
