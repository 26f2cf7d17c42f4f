namespace LiveStt.Appliance.Vocabulary;

/// <summary>The body of <c>GET /api/settings/vocabulary</c>: the file's content, and what the appliance made of it.</summary>
/// <param name="Vocabulary">What the file holds (empty lists when there is no file, or it is not valid JSON).</param>
/// <param name="Status">The vocabulary in use, with the file's problems.</param>
public sealed record VocabularyView(VocabularyDocument Vocabulary, VocabularyStatus Status);
