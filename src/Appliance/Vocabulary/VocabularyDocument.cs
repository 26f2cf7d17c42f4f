namespace LiveStt.Appliance.Vocabulary;

/// <summary>The vocabulary file's content, as the kiosk edits it (<c>GET/PUT /api/settings/vocabulary</c>).</summary>
/// <param name="Glossary">Names, places and books, most important first.</param>
/// <param name="Replacements">Rules applied in order to committed text.</param>
public sealed record VocabularyDocument(IReadOnlyList<string>? Glossary, IReadOnlyList<ReplacementEntry>? Replacements);
