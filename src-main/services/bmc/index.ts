export { BmcService, adHocIpmiTarget, type AdHocTarget, type BmcConnection, type BmcServiceDeps, type BmcSessionInfo, type TargetSpec } from './service';
export { FileSdrCache } from './sdr-cache';
export { createBmcService, bmcServiceOf } from './factory';
export { runCommand, splitLine, validateWords, powerText, CHANGING, type CommandContext, type CommandResult } from './commands';
export { mcInfoText, sensorsText, slotsText, sdrText, selListText, fruText, rawText, rearmText } from './commands';
export { resolveBmcSecret, type SecretSources } from './secrets';
