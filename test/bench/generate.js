// Writes a folder of instance files for the benchmark: mostly valid, about 10% broken in the ways
// users break them. Deterministic (a fixed seed), so every run checks the same bytes.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** Out of every 100 files, how many have each defect; the rest are valid. */
const DEFECTS = [
  ['placeholder', 2],
  ['syntax', 2],
  ['duplicate', 1],
  ['wrong-type', 2],
  ['unknown-key', 2],
  ['missing-key', 1],
];

/** Files whose defect is `syntax` end in `-syntax.json`, so a glob can leave them out. */
export const SYNTAX_SUFFIX = '-syntax.json';

function random(seed) {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

function secret(next, prefix) {
  let out = prefix;
  for (let i = 0; i < 12; i++) out += 'abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789'[Math.floor(next() * 56)];
  return out;
}

function validInstance(next, index) {
  const storeId = String(1000000 + Math.floor(next() * 8999999));
  const events = next() < 0.5;
  const configuration = {
    'ecwid.order.key': secret(next, 'secret_'),
    'ecwid.product.key': secret(next, 'public_'),
    'ecwid.store.id': storeId,
    'event.notification.enabled': events ? 'true' : 'false',
  };
  if (events) configuration['event.notification.callback.url'] = `https://hooks.example.com/ecwid/${storeId}/events`;
  const instance = { element: { key: 'ecwid' }, configuration };
  if (next() < 0.6) instance.tags = ['production', `team-${index % 7}`].slice(0, 1 + Math.floor(next() * 2));
  instance.name = `ecwid-${storeId}`;
  return instance;
}

/** The text of one file with the given defect (or none). */
function instanceText(next, index, defect) {
  const instance = validInstance(next, index);
  const text = (value) => `${JSON.stringify(value, null, 2)}\n`;
  switch (defect) {
    case 'placeholder':
      instance.configuration['ecwid.store.id'] = '<INSERT_STORE_ID>';
      return text(instance);
    case 'syntax':
      // Alternate a trailing comma and a file cut short.
      return index % 2 === 0 ? text(instance).replace(/"\n(\s*)\}/, '",\n$1}') : text(instance).slice(0, 120);
    case 'duplicate':
      return text(instance).replace(/\n(\s*)"name": /, '\n$1"name": "first",\n$1"name": ');
    case 'wrong-type':
      instance.configuration['ecwid.store.id'] = Number(instance.configuration['ecwid.store.id']);
      instance.configuration['event.notification.enabled'] = 'yes';
      return text(instance);
    case 'unknown-key':
      instance.configuration['event.notifcation.enabled'] = 'true';
      instance.nmae = 'typo';
      return text(instance);
    case 'missing-key':
      delete instance.configuration['ecwid.product.key'];
      delete instance.name;
      return text(instance);
    default:
      return text(instance);
  }
}

function defectOf(index) {
  let slot = index % 100;
  for (const [name, count] of DEFECTS) {
    if (slot < count) return name;
    slot -= count;
  }
  return undefined;
}

/**
 * Writes `count` files into `dir` and returns what a checker should find: how many files, and how
 * many have errors (unknown keys are warnings, so those files stay valid). With `broken: false`
 * every file is valid, to show what the broken ones cost.
 */
export function generateInstances(dir, count, { broken = true } = {}) {
  mkdirSync(dir, { recursive: true });
  const next = random(20240601 + count);
  let invalid = 0;
  let syntax = 0;
  for (let index = 0; index < count; index++) {
    // Spread the defects over the run rather than bunching them at its start.
    const defect = count === 1 || !broken ? undefined : defectOf((index * 37) % count);
    if (defect && defect !== 'unknown-key') invalid++;
    if (defect === 'syntax') syntax++;
    const name = `instance-${String(index).padStart(6, '0')}${defect ? `-${defect}` : ''}.json`;
    writeFileSync(join(dir, name), instanceText(next, index, defect));
  }
  return { files: count, invalid, syntax };
}
