import { describe, expect, it } from 'vitest';
import { buildProgram, commandDomains, commandWord, domainLoaders, domainsFor, subcommandDomains } from '../../../src-main/cli/program';

describe('fieldkit command tree', () => {
  it('the lazy-loading map names exactly the top-level commands the domains define', async () => {
    const { program } = await buildProgram({ name: 'FieldKit', version: '0.0.0' });
    const real = program.commands.map((c) => c.name()).sort();
    expect(Object.keys(commandDomains).sort()).toEqual(real);
  });

  it('each command loads only domains that define it, and gets the same subcommands as the full tree', async () => {
    const full = await buildProgram({ name: 'FieldKit', version: '0.0.0' });
    for (const [word, domains] of Object.entries(commandDomains)) {
      for (const d of domains) expect(Object.keys(domainLoaders)).toContain(d);
      const partial = await buildProgram({ name: 'FieldKit', version: '0.0.0' }, {}, domains);
      const sub = (p: typeof full.program) => p.commands.find((c) => c.name() === word)?.commands.map((c) => c.name()).sort();
      expect(sub(partial.program), word).toEqual(sub(full.program));
    }
  });

  it('`show version` loads the show domain alone, only when the rest of the line is its own or global options', () => {
    expect(domainsFor(['show', 'version'])).toEqual(['show']);
    expect(domainsFor(['--lang', 'ja', '--home', 'version', 'show', 'version', '--format', 'haconnsetup', '--json'])).toEqual(['show']);
    expect(domainsFor(['show', 'version', '--format=haconnsetup', '--help'])).toEqual(['show']);
    // A `show` option written after `version`, an extra word, or another subcommand: the full show tree parses it.
    expect(domainsFor(['show', 'version', '--cluster', 'c1'])).toEqual(commandDomains.show);
    expect(domainsFor(['show', 'version', 'extra'])).toEqual(commandDomains.show);
    expect(domainsFor(['show', '--json', 'version'])).toEqual(commandDomains.show);
    expect(domainsFor(['show', 'setting'])).toEqual(commandDomains.show);
    expect(domainsFor(['show'])).toEqual(commandDomains.show);
  });

  it('a narrowed subcommand is the same command, with the same options, as in the full tree', async () => {
    const full = await buildProgram({ name: 'FieldKit', version: '0.0.0' });
    const find = (p: typeof full.program, words: string[]) => words.reduce<typeof full.program | undefined>((c, w) => c?.commands.find((x) => x.name() === w), p);
    const flags = (c: typeof full.program | undefined) => c?.options.map((o) => o.flags).sort();
    for (const [line, sub] of Object.entries(subcommandDomains)) {
      const words = line.split(' ');
      const partial = await buildProgram({ name: 'FieldKit', version: '0.0.0' }, {}, sub.domains);
      const a = find(partial.program, words);
      const b = find(full.program, words);
      expect(a, line).toBeDefined();
      expect(flags(a), line).toEqual(flags(b));
      expect(a!.description()).toBe(b!.description());
      // Every option the narrowing lets through is one the command or the program knows.
      // (-h/--help is commander's own on every command, not in .options.)
      const known = new Set([...a!.options, ...partial.program.options].flatMap((o) => [o.long, o.short]).filter(Boolean).concat(['-h', '--help']));
      for (const o of [...sub.flags, ...sub.valueOptions]) expect(known.has(o), `${line} ${o}`).toBe(true);
    }
  });

  it('finds the command word past global options', () => {
    expect(commandWord(['--home', '/x', '--json', 'power', 'status'])).toBe('power');
    expect(commandWord(['--lang', 'ja', 'show'])).toBe('show');
    expect(commandWord(['--help'])).toBeUndefined();
    expect(domainsFor(['exec', 'f.txt'])).toEqual(['ipmi']);
    expect(domainsFor(['--help']).length).toBe(Object.keys(domainLoaders).length);
    expect(domainsFor(['nonsense']).length).toBe(Object.keys(domainLoaders).length);
  });
});
