/** Escapes LIKE wildcards in user input (PostgreSQL's default escape character is \). */
export const escapeLike = (value: string) => value.replace(/[\\%_]/g, (ch) => `\\${ch}`);
