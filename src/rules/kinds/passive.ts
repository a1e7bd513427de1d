/** Passive: one hit per être + participle construction, with an active rewrite naming the agent. */
import { findPassives } from '../../analysis/passive.js';
import type { Hit, KindCompiler } from '../types.js';

export const passive: KindCompiler<'passive'> = (rule) => ({
  scope: 'sentence',
  run(doc, index) {
    const s = doc.sentences[index]!;
    const hits: Hit[] = [];
    for (const p of findPassives(s.tokens, doc.text)) {
      const vars: Record<string, string> = { lemma: p.lemma };
      let message: string | undefined;
      if (p.active) vars.active = p.active;
      if (p.agent) vars.agent = p.agent.replace(/^(\p{Lu})(?=\p{Ll})/u, (c) => c.toLowerCase());
      if (p.stative) message = 'stative';
      else if (p.agent && p.active) message = 'agent';
      else if (p.active) message = 'noAgent';
      const hit: Hit = { start: s.tokens[p.from]!.start, end: s.tokens[p.participle]!.end, vars, suggestions: [] };
      if (message) hit.message = message;
      if (p.stative) hit.severity = rule.stativeSeverity;
      hits.push(hit);
    }
    return hits;
  },
});
