namespace LiveStt.Appliance.Guards;

/// <summary>Why a caption guard refused decoded text; each reason has its own count in <see cref="SuppressedCounts"/>.</summary>
internal enum SuppressionReason
{
    /// <summary>whisper thought the audio held no speech and did not decode it confidently either.</summary>
    NoSpeech,

    /// <summary>A word or short phrase looping inside the text, or a line committed again soon after itself.</summary>
    Repetition,

    /// <summary>Nothing but phrases whisper is known to write over silence and music ("Thanks for watching!").</summary>
    Blocklist,

    /// <summary>Text so repetitive that it compresses far better than speech does.</summary>
    Compression,

    /// <summary>Text over audio that the pipeline's voice-activity check called silence.</summary>
    Silence,
}
