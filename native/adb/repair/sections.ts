// Several reads in one shell round trip (a slow hub pays one command, not five): each section
// is introduced by a marker line and followed by its exit status, since a repair read needs
// both what a command printed and whether it failed (locksettings answers a lock with 255).
const START = '__DEPOTLINE_PART__';
const STATUS = '__DEPOTLINE_PART_RC__';

export interface SectionResult {
  /** stdout and stderr together (adbkit's v1 shell does not separate them). */
  text: string;
  exitCode: number;
}

/** One command line running every section in order; stderr joins stdout so refusals are read. */
export function sectionedCommand(sections: Readonly<Record<string, string>>): string {
  return Object.entries(sections)
    .map(([name, command]) => `echo ${START}${name}; ${command} 2>&1; echo ${STATUS}$?`)
    .join('; ');
}

/** The sections of a reply; a section the reply lacks (cut short) is absent from the map. */
export function splitSections(output: string): Map<string, SectionResult> {
  const sections = new Map<string, SectionResult>();
  for (const part of output.split(START).slice(1)) {
    const newline = part.indexOf('\n');
    if (newline < 0) continue;
    const name = part.slice(0, newline).trim();
    const body = part.slice(newline + 1);
    const at = body.lastIndexOf(STATUS);
    if (at < 0) continue; // the section never finished: treat as missing
    const exitCode = Number.parseInt(body.slice(at + STATUS.length), 10);
    sections.set(name, { text: body.slice(0, at), exitCode: Number.isNaN(exitCode) ? 255 : exitCode });
  }
  return sections;
}
