/**
 * Every namespace of the PFA library, and the one table of functions by name that the type
 * checker, the backends and the coverage report read. Adding a namespace is one import here.
 */
import core from './core/index.js';
import m from './m.js';
import m_link from './m/link.js';
import m_kernel from './m/kernel.js';
import m_special from './m/special.js';
import la from './la/index.js';
import metric from './metric.js';
import rand from './rand/index.js';
import s from './s.js';
import re from './re.js';
import parse from './parse.js';
import cast from './cast.js';
import a from './a/index.js';
import map from './map/index.js';
import bytes from './bytes.js';
import fixed from './fixed.js';
import enum_ from './enum.js';
import time from './time.js';
import impute from './impute.js';
import interp from './interp.js';
import prob_dist from './prob/dist/index.js';
import stat_test from './stat/test.js';
import stat_sample from './stat/sample/index.js';
import stat_change from './stat/change.js';
import model_reg from './model/reg/index.js';
import model_tree from './model/tree.js';
import model_cluster from './model/cluster.js';
import model_neighbor from './model/neighbor.js';
import model_naive from './model/naive.js';
import model_neural from './model/neural.js';
import model_svm from './model/svm.js';
import type { LibFunction, Namespace } from './registry.js';

export const namespaces: readonly Namespace[] = [
  core,
  m,
  m_link,
  m_kernel,
  m_special,
  la,
  metric,
  rand,
  s,
  re,
  parse,
  cast,
  a,
  map,
  bytes,
  fixed,
  enum_,
  time,
  impute,
  interp,
  prob_dist,
  stat_test,
  stat_sample,
  stat_change,
  model_reg,
  model_tree,
  model_cluster,
  model_neighbor,
  model_naive,
  model_neural,
  model_svm,
];

/** All library functions by spec name. */
export const library: ReadonlyMap<string, LibFunction> = (() => {
  const table = new Map<string, LibFunction>();
  for (const ns of namespaces) {
    for (const f of ns.functions) {
      if (table.has(f.name)) throw new Error(`library: ${f.name} is defined in two namespaces`);
      table.set(f.name, f);
    }
  }
  return table;
})();
