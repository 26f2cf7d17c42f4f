using LiveStt.Appliance.Transcripts;

namespace LiveStt.Appliance.Tests.Transcripts;

public sealed class TranscriptOptionsValidatorTests
{
    [Fact]
    public void The_defaults_are_valid_and_hold_records_for_a_full_disk()
    {
        var options = new TranscriptOptions();

        new TranscriptOptionsValidator().Validate(null, options).Succeeded.ShouldBeTrue();
        options.PendingRecords.ShouldBe(5000);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(100_001)]
    public void A_queue_bound_out_of_range_is_refused_with_the_setting_named(int pending)
    {
        var result = new TranscriptOptionsValidator().Validate(null, new TranscriptOptions { PendingRecords = pending });

        result.Failed.ShouldBeTrue();
        result.Failures.ShouldHaveSingleItem().ShouldBe($"Transcripts:PendingRecords must be between 1 and 100000; it is {pending}.");
    }
}
