/**
 * The k-means case: the DMG tutorial's clustering model (model.cluster.closest over five centers
 * in five dimensions, example "models-01" of pfa/models/pfa-docs/dmg-tutorial-examples.json). The
 * tutorial ships only five inputs and no other k-means in the reference models has data, so the
 * inputs are those five followed by points drawn around the model's own centers with a fixed seed
 * (the same inputs on every run).
 */
import { mulberry32 } from '../test/helpers/random.js';

interface TutorialExample {
  id: string;
  inputs: unknown[];
  pfa_json: { cells: { clusters: { init: { center: number[] }[] } } };
}

export const KMEANS_EXAMPLE = 'models-01';
const POINTS = 2_000;
const SEED = 20261125;

/** Normal deviates (Box-Muller) from uniform ones. */
function gaussian(u: () => number): () => number {
  return () => Math.sqrt(-2 * Math.log(1 - u())) * Math.cos(2 * Math.PI * u());
}

export function kmeansCase(
  name: string,
  tutorialText: string,
): { name: string; documentText: string; lines: string[] } {
  const examples = (JSON.parse(tutorialText) as { examples: TutorialExample[] }).examples;
  const ex = examples.find((e) => e.id === KMEANS_EXAMPLE);
  if (!ex) throw new Error(`the DMG tutorial examples have no "${KMEANS_EXAMPLE}" (the clustering model)`);
  const centers = ex.pfa_json.cells.clusters.init.map((c) => c.center);
  const u = mulberry32(SEED); // (seeded: the inputs never change between runs)
  const z = gaussian(u);
  const points = Array.from({ length: POINTS }, () => {
    const c = centers[Math.floor(u() * centers.length)];
    return c.map((x) => x + 0.5 * z());
  });
  return {
    name,
    documentText: JSON.stringify(ex.pfa_json),
    lines: [...ex.inputs, ...points].map((p) => JSON.stringify(p)),
  };
}
