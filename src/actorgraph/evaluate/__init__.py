"""Evaluation tools: entity recognition against labelled data (``eval-ner``, :mod:`.ner`) and
whole graphs against gold annotations (``eval``, :mod:`.quality`)."""
