export * from './manifest';
export * from './context';
export * from './spec';
export * from './sdl';
export * from './inputs';
