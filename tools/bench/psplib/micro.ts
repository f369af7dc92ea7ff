import { readFileSync } from 'node:fs';
import { parsePsplib, compileProblem } from '@baton/scheduling';
import { SerialScheduler } from '../../../libs/scheduling/src/leveling/ssgs.js';
import {
  timeWindows,
  listFromPriority,
  priorityValues,
} from '../../../libs/scheduling/src/leveling/priority.js';
for (const f of ['j120/j1201_1', 'j120/j12046_5', 'j30/j3013_1']) {
  const inst = parsePsplib(readFileSync(`/work/shared/data/psplib/${f}.sm`, 'utf8'));
  const p = compileProblem(inst.problem);
  const s = new SerialScheduler(p);
  const w = timeWindows(p);
  const list = listFromPriority(p, priorityValues(p, w, 'LFT'));
  const starts = new Int32Array(p.n);
  for (let i = 0; i < 2000; i++) s.run(list, p.forward, starts);
  let t0 = process.cpuUsage().user / 1000;
  for (let i = 0; i < 20000; i++) s.run(list, p.forward, starts);
  const a = ((process.cpuUsage().user / 1000 - t0) / 20000) * 1000;
  const l2 = list.slice();
  t0 = process.cpuUsage().user / 1000;
  for (let i = 0; i < 5000; i++) {
    l2.set(list);
    s.improve(l2, starts);
  }
  const b = ((process.cpuUsage().user / 1000 - t0) / 5000) * 1000;
  console.log(f, 'ssgs µs', a.toFixed(1), 'improve µs', b.toFixed(1), 'passes', s.schedules);
}
