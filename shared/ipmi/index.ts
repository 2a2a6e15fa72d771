/**
 * IPMI spec tables shared by the renderer, the IPMI engine and the PET
 * decoder: sensor types, event/reading types, offset texts with severities
 * (FreeIPMI wording), entity ids and IANA manufacturer names. Pure TS.
 */
export * from './sensor-types';
export * from './reading-types';
export * from './event-tables';
export * from './events';
export * from './entities';
export * from './manufacturers';
export * from './event-data';
export * from './sensor-view';
