export const STAMP: string;
export function newestChange(path: string): number;
export function serverBuildIsCurrent(root?: string): boolean;
