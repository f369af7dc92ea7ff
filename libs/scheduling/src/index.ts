/**
 * @baton/scheduling: Baton's scheduling engines as pure TypeScript, with no framework and no I/O.
 * The critical path method (CPM) over all four dependency types with lags, constraints and
 * deadlines, working calendars, and resource leveling (the resource-constrained project
 * scheduling problem). Services and tools call these functions; nothing here touches a database,
 * the network or the clock.
 */
export * from './cpm/index.js';
export * from './calendar/index.js';
export * from './leveling/index.js';
