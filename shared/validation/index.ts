export * from './types';
export * from './net';
export * from './fields';
export * from './keyword';
export * from './rules';
export * from './schema';
