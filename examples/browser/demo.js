// The demo page's module: loads the compiled Sonar model with pfa-wasm-runtime.js and the rows
// built beside it (scripts/build-browser.ts), then scores what the user picks or pastes.
import { fetchModel } from './pfa-wasm-runtime.js';

const $ = (id) => document.getElementById(id);
const MEANING = { M: 'a mine (metal cylinder)', R: 'a rock' };
const state = { model: null, rows: [], lastOutput: null, all: null };
window.pfaDemo = state;

function describeError(e) {
  if (e?.kind) {
    const where =
      e.inputPath !== undefined
        ? ` at input ${e.inputPath || '/'}`
        : e.path !== undefined
          ? ` at ${e.path || '/'}`
          : '';
    return `${e.kind} error${e.code !== undefined ? ` ${e.code}` : ''}: ${e.message}${where}`;
  }
  return String(e?.message ? e.message : e);
}

/**
 * Mean time of one score of the record's text (JSON text in, JSON text out, as a request would
 * come): repeated for at least 20 ms, as one call is below the timer's resolution, after 10 ms of
 * warm-up (the engine optimises the kernel while it runs).
 */
function timeScore(text) {
  for (const t = performance.now(); performance.now() - t < 10; ) state.model.scoreText(text);
  let n = 0;
  const t0 = performance.now();
  let elapsed;
  do {
    state.model.scoreText(text);
    n++;
    elapsed = performance.now() - t0;
  } while (elapsed < 20 && n < 100000);
  return { micros: (elapsed * 1000) / n, n };
}

function showPrediction(output) {
  $('predicted').textContent = output.class;
  $('meaning').textContent = MEANING[output.class] ? `(${MEANING[output.class]})` : '';
  const chart = $('chart');
  chart.replaceChildren();
  for (const [cls, p] of Object.entries(output.probabilities).sort(([a], [b]) => (a < b ? -1 : 1))) {
    const bar = document.createElement('div');
    bar.className = 'bar';
    bar.dataset.class = cls;
    const label = document.createElement('span');
    label.textContent = cls;
    const track = document.createElement('div');
    track.className = 'track';
    const fill = document.createElement('div');
    fill.className = `fill ${cls}`;
    fill.style.width = `${(p * 100).toFixed(2)}%`;
    track.append(fill);
    const num = document.createElement('span');
    num.className = 'num';
    num.textContent = p.toPrecision(6);
    bar.append(label, track, num);
    chart.append(bar);
  }
  $('output').textContent = JSON.stringify(output);
}

function scoreText() {
  $('error').textContent = '';
  const text = $('record').value;
  try {
    JSON.parse(text);
  } catch (e) {
    $('error').textContent = `not JSON: ${e.message}`;
    return;
  }
  try {
    // The model's answer is JSON text; this output type holds no long, so JSON.parse reads it exactly.
    const output = JSON.parse(state.model.scoreText(text));
    state.lastOutput = output;
    showPrediction(output);
    const t = timeScore(text);
    $('timing').textContent = `${t.micros.toFixed(2)} µs per score (mean of ${t.n} runs)`;
  } catch (e) {
    state.lastOutput = null;
    $('predicted').textContent = '–';
    $('meaning').textContent = '';
    $('chart').replaceChildren();
    $('output').textContent = '';
    $('timing').textContent = '';
    $('error').textContent = describeError(e);
  }
}

function pickRow() {
  const i = Number($('row').value);
  const row = state.rows[i];
  $('record').value = JSON.stringify(row.record);
  $('truth').textContent = row.label ? `true class: ${row.label}` : '';
  scoreText();
}

function scoreAll() {
  const records = state.rows.map((r) => r.record);
  const t0 = performance.now();
  const results = state.model.scoreBatch(records);
  const ms = performance.now() - t0;
  state.all = results;
  const failed = results.filter((r) => !r.ok).length;
  const labelled = state.rows.filter((r) => r.label !== null).length;
  const correct = results.filter((r, i) => r.ok && r.output.class === state.rows[i].label).length;
  $('all-status').textContent =
    `${records.length} rows in ${ms.toFixed(2)} ms (${((ms * 1000) / records.length).toFixed(2)} µs per row)${failed ? `, ${failed} failed` : ''}`;
  if (labelled === 0) {
    $('accuracy').textContent = 'n/a';
    $('accuracy-detail').textContent = 'these rows carry no true class';
    return;
  }
  $('accuracy').textContent = (correct / labelled).toFixed(4);
  $('accuracy').dataset.correct = String(correct);
  $('accuracy').dataset.labelled = String(labelled);
  $('accuracy-detail').textContent = `(${correct} of ${labelled} rows predicted as their true class)`;
}

try {
  const [model, data] = await Promise.all([
    fetchModel(new URL('./sonar-naive-bayes.wasm', import.meta.url)),
    fetch(new URL('./sonar-rows.json', import.meta.url)).then((r) => {
      if (!r.ok) throw new Error(`sonar-rows.json: HTTP ${r.status}`);
      return r.json();
    }),
  ]);
  state.model = model;
  state.rows = data.rows;
  const select = $('row');
  data.rows.forEach((row, i) => {
    select.add(new Option(`${i + 1}${row.label ? ` (${row.label})` : ''}`, String(i)));
  });
  $('status').textContent = `Model "${model.name}" loaded; ${data.rows.length} rows from ${data.source}.`;
  for (const id of ['row', 'score', 'score-all']) $(id).disabled = false;
  select.addEventListener('change', pickRow);
  $('score').addEventListener('click', scoreText);
  $('score-all').addEventListener('click', scoreAll);
  pickRow();
  document.body.dataset.ready = 'true';
} catch (e) {
  $('status').textContent = `Could not load the model: ${describeError(e)}`;
  $('status').className = 'error';
  throw e;
}
