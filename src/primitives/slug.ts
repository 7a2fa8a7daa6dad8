/** Ids used in URLs: lower-case letters, digits and hyphens, at most 64 characters. Never change once published. */
export const slugPattern = /^[a-z0-9][a-z0-9-]{0,63}$/;
