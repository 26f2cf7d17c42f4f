using LiveStt.Appliance.Tickets;

namespace LiveStt.Appliance.Tests.Tickets;

public sealed class UsedTicketRegistryTests
{
    [Fact]
    public void Remembers_an_id_until_its_expiry_and_then_forgets_it()
    {
        var registry = new UsedTicketRegistry(capacity: 10);

        registry.TryUse(id: 1, expiresAtUnixMs: 1_000, nowUnixMs: 0).ShouldBe(TicketVerdict.Accepted);
        registry.IsUsed(1, nowUnixMs: 999).ShouldBeTrue();
        registry.Count.ShouldBe(1);

        registry.IsUsed(1, nowUnixMs: 1_000).ShouldBeFalse();
        registry.Count.ShouldBe(0);
    }

    [Fact]
    public void Never_holds_more_than_its_capacity()
    {
        var registry = new UsedTicketRegistry(capacity: 100);
        var refused = 0;
        for (UInt128 id = 0; id < 1_000; id++)
        {
            if (registry.TryUse(id, expiresAtUnixMs: 60_000, nowUnixMs: 0) == TicketVerdict.TooManyInFlight)
            {
                refused++;
            }
        }

        registry.Count.ShouldBe(100);
        refused.ShouldBe(900);
    }

    [Fact]
    public void Prunes_expired_ids_in_expiry_order_whatever_order_they_arrived_in()
    {
        var registry = new UsedTicketRegistry(capacity: 3);
        registry.TryUse(1, expiresAtUnixMs: 3_000, nowUnixMs: 0).ShouldBe(TicketVerdict.Accepted);
        registry.TryUse(2, expiresAtUnixMs: 1_000, nowUnixMs: 0).ShouldBe(TicketVerdict.Accepted);
        registry.TryUse(3, expiresAtUnixMs: 2_000, nowUnixMs: 0).ShouldBe(TicketVerdict.Accepted);

        registry.TryUse(4, expiresAtUnixMs: 5_000, nowUnixMs: 1_500).ShouldBe(TicketVerdict.Accepted);

        registry.IsUsed(1, nowUnixMs: 1_500).ShouldBeTrue();
        registry.IsUsed(2, nowUnixMs: 1_500).ShouldBeFalse();
        registry.IsUsed(3, nowUnixMs: 1_500).ShouldBeTrue();
        registry.TryUse(3, expiresAtUnixMs: 2_000, nowUnixMs: 1_500).ShouldBe(TicketVerdict.AlreadyUsed);
        registry.Count.ShouldBe(3);
    }
}
