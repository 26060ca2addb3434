/** `node:fs/promises` in the browser bundle: PFAEngine.fromFile has no file system to read. */
export async function readFile(path: string): Promise<never> {
  throw new Error(
    `PFAEngine.fromFile("${path}") needs Node: in a browser, fetch the document and pass its text to PFAEngine.create`,
  );
}
