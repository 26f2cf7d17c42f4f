using LiveStt.Appliance.Captions;
using Microsoft.Extensions.Time.Testing;

namespace LiveStt.Appliance.Tests.Captions;

public sealed class CallBudgetTests
{
    [Fact]
    public void A_burst_is_allowed_then_one_call_per_refill()
    {
        var time = new FakeTimeProvider();
        var budget = new CallBudget(time, burst: 3, TimeSpan.FromSeconds(1));

        Enumerable.Range(0, 4).Select(_ => budget.TryTake()).ShouldBe([true, true, true, false]);
        time.Advance(TimeSpan.FromMilliseconds(999));
        budget.TryTake().ShouldBeFalse();
        time.Advance(TimeSpan.FromMilliseconds(1));
        budget.TryTake().ShouldBeTrue();
        budget.TryTake().ShouldBeFalse();
        time.Advance(TimeSpan.FromMinutes(5));
        Enumerable.Range(0, 4).Select(_ => budget.TryTake()).ShouldBe([true, true, true, false], "a long quiet spell refills the burst, no more");
    }
}
