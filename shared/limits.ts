/**
 * Transport limits shared by the headless host and the renderer's WebSocket
 * bridge (pure TS).
 *
 * The largest request a schema allows is an import: 5 MiB of text
 * (inventory.importPreview / importApply, `z.string().max(5 MiB)` counts
 * UTF-16 units). In UTF-8 one unit takes at most 3 bytes, plus the JSON
 * envelope: a WebSocket message of 16 MiB holds any request the schemas
 * accept, and nothing much larger reaches the parser.
 */
export const HOST_MAX_MESSAGE_BYTES = 16 * 1024 * 1024;
