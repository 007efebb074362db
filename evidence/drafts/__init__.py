"""Check before you post: the flags of a pasted draft, each with a rewrite tip. Nothing pasted
is stored (docs/text-flags.md, "Check before you post")."""
