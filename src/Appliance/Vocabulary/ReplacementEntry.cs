namespace LiveStt.Appliance.Vocabulary;

/// <summary>One replacement rule as the file holds it: <paramref name="Find"/> (words) or <paramref name="Pattern"/> (a regular expression), and what replaces it.</summary>
public sealed record ReplacementEntry(string? Find, string? Pattern, string? Replace, bool? MatchCase);
