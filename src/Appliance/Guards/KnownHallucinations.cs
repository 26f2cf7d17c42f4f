namespace LiveStt.Appliance.Guards;

/// <summary>
/// Lines whisper is known to write over silence, music and noise: sign-offs and subtitle credits from the
/// video subtitles it was trained on. The lists are kept short and certain; a phrase a speaker may well say as a
/// whole line ("Thank you.") is left out, since the blocklist cannot tell it from a hallucination.
/// </summary>
internal static class KnownHallucinations
{
    /// <summary>Marks whisper writes in place of speech whatever the language.</summary>
    public static IReadOnlyList<string> AnyLanguage { get; } =
    [
        "[BLANK_AUDIO]", "[Music]", "(music)", "[Music playing]", "(Music playing)", "[Applause]", "(applause)",
        "[Silence]", "(silence)", "♪", "♫", "*music*",
    ];

    /// <summary>Per whisper language code.</summary>
    public static IReadOnlyDictionary<string, IReadOnlyList<string>> ByLanguage { get; } =
        new Dictionary<string, IReadOnlyList<string>>(StringComparer.OrdinalIgnoreCase)
        {
            ["en"] =
            [
                "Thank you for watching", "Thanks for watching", "Thank you so much for watching", "Please subscribe",
                "Please subscribe to my channel", "Don't forget to like and subscribe", "Subtitles by the Amara.org community",
            ],
            ["de"] =
            [
                "Untertitel der Amara.org-Community", "Untertitel im Auftrag des ZDF für funk, 2017", "Vielen Dank fürs Zuschauen",
                "Danke fürs Zuschauen",
            ],
            ["es"] =
            [
                "Subtítulos realizados por la comunidad de Amara.org", "Subtítulos por la comunidad de Amara.org",
                "Gracias por ver el video", "¡Suscríbete al canal!",
            ],
            ["fr"] =
            [
                "Sous-titres réalisés par la communauté d'Amara.org", "Sous-titrage Société Radio-Canada", "Sous-titrage ST' 501",
                "Merci d'avoir regardé cette vidéo",
            ],
            ["nl"] =
            [
                "Ondertiteling door de Amara.org gemeenschap", "Ondertiteld door de Amara.org gemeenschap", "Bedankt voor het kijken",
            ],
            ["pt"] =
            [
                "Legendas pela comunidade Amara.org", "Obrigado por assistir", "Obrigada por assistir",
            ],
            ["it"] =
            [
                "Sottotitoli creati dalla comunità Amara.org", "Sottotitoli e revisione a cura di QTSS", "Grazie per la visione",
            ],
        };
}
