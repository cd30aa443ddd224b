/** Every import of one domain that reaches into another's files: `file → specifier`. */
export function doorBypasses(srcRoot: string): string[];
/** Files outside store/ that write SQL though they are not repositories. */
export function sqlOutsideRepositories(srcRoot: string): string[];
