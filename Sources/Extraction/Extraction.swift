// The report extractor lives here: text in, indicator facts out.
