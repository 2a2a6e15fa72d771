export * from './port';
export * from './store';
export * from './service';
export * from './report';
export * from './profiles';
export * from './hub';
