export { BmcService, type AdHocTarget, type BmcConnection, type BmcServiceDeps, type TargetSpec } from './service';
export { FileSdrCache } from './sdr-cache';
export { createBmcService, bmcServiceOf } from './factory';
export { runCommand, splitLine, validateWords, CHANGING, type CommandContext, type CommandResult } from './commands';
