/**
 * The k-means case: the DMG tutorial's clustering model (model.cluster.closest over five centers
 * in five dimensions, example "models-01" of pfa/models/pfa-docs/dmg-tutorial-examples.json). The
 * tutorial ships only five inputs and no other k-means in the shared models has data, so the
 * inputs are those five followed by points drawn around the model's own centers with a fixed seed
 * (the same inputs on every run).
 */
interface TutorialExample { id: string; inputs: unknown[]; pfa_json: { cells: { clusters: { init: { center: number[] }[] } } } }

export const KMEANS_EXAMPLE = 'models-01';
const POINTS = 2_000;
const SEED = 20261125;

/** mulberry32: a small seeded generator, so the inputs never change between runs. */
function generator(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Normal deviates (Box-Muller) from uniform ones. */
function gaussian(u: () => number): () => number {
  return () => Math.sqrt(-2 * Math.log(1 - u())) * Math.cos(2 * Math.PI * u());
}

export function kmeansCase(name: string, tutorialText: string): { name: string; documentText: string; lines: string[] } {
  const examples = (JSON.parse(tutorialText) as { examples: TutorialExample[] }).examples;
  const ex = examples.find((e) => e.id === KMEANS_EXAMPLE);
  if (!ex) throw new Error(`the DMG tutorial examples have no "${KMEANS_EXAMPLE}" (the clustering model)`);
  const centers = ex.pfa_json.cells.clusters.init.map((c) => c.center);
  const u = generator(SEED);
  const z = gaussian(u);
  const points = Array.from({ length: POINTS }, () => {
    const c = centers[Math.floor(u() * centers.length)];
    return c.map((x) => x + 0.5 * z());
  });
  return { name, documentText: JSON.stringify(ex.pfa_json), lines: [...ex.inputs, ...points].map((p) => JSON.stringify(p)) };
}
