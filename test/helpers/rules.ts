/** Rule files for tests of organisation folders. */

/** An existence rule flagging « truc machin », with its examples. */
export const VAGUE_WORD_RULE = `kind: existence
category: jargon
severity: warning
principle: understandable
patterns: ["truc machin"]
message: "« {match} » : précisez."
description: Un mot vague.
source: Test
examples:
  bad: [{ text: "Un [[truc machin]] ici." }]
  good: ["Un document ici."]
`;
