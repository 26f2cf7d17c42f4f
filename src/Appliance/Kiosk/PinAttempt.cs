namespace LiveStt.Appliance.Kiosk;

/// <summary>What <see cref="PinAttemptLimiter.Begin"/> decided.</summary>
/// <param name="Allowed">Whether the PIN may be checked now.</param>
/// <param name="RetryAfter">When refused, how long to wait; when allowed, the lockout a miss now brings (zero while tries are free).</param>
/// <param name="AttemptsLeft">Tries left before a lockout, if this one misses.</param>
internal readonly record struct PinAttempt(bool Allowed, TimeSpan RetryAfter, int AttemptsLeft);
