"""Scene scripts of the explainer, one per chapter, and the kit they share."""
