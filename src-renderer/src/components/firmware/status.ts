/** Element Plus tag colour of a check status or verdict. */
export const statusTagType = (s: string) => (s === 'pass' ? 'success' : s === 'warn' ? 'warning' : s === 'fail' ? 'danger' : 'info');
