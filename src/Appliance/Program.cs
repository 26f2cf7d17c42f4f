using LiveStt.Appliance.Apis;
using LiveStt.Appliance.Audio;
using LiveStt.Appliance.Backplane;
using LiveStt.Appliance.Captions;
using LiveStt.Appliance.Guards;
using LiveStt.Appliance.Hosting;
using LiveStt.Appliance.Interop;
using LiveStt.Appliance.Kiosk;
using LiveStt.Appliance.Models;
using LiveStt.Appliance.Settings;
using LiveStt.Appliance.Speech;
using LiveStt.Appliance.Streaming;
using LiveStt.Appliance.Tickets;
using LiveStt.Appliance.Transcription;
using LiveStt.Appliance.Transcripts;
using LiveStt.Appliance.Vocabulary;
using LiveStt.Hosting;

// Before anything native allocates: keeps whisper's per-decode buffers from piling up in the heap.
NativeHeap.FixMmapThreshold();

var builder = WebApplication.CreateBuilder(args);
builder.AddApplianceLogging();
builder.Services
    .AddWhisper(builder.Configuration)
    .AddModels(builder.Configuration)
    .AddAudioInput(builder.Configuration)
    .AddVoiceActivity(builder.Configuration)
    .AddCaptionGuards(builder.Configuration)
    .AddSiteVocabulary(builder.Configuration)
    .AddKioskSettings(builder.Configuration)
    .AddTranscripts(builder.Configuration)
    .AddCaptionBackplane(builder.Configuration)
    .AddCaptionStreaming(builder.Configuration)
    .AddTickets(builder.Configuration)
    .AddCaptionDelivery(builder.Configuration)
    .AddKiosk(builder.Configuration)
    .AddStatusApi();

var app = builder.Build();
if (!StartupSettings.Check(app.Services, "The appliance", StartupOptions.BuildsIn(app.Services)))
{
    return StartupSettings.InvalidExitCode;
}

// Middleware, in this order: the pages' static files; routing; the per-address limits, before authentication, so a
// refused request never reaches the ticket check and never spends a ticket; then who is asking, and what they may do.
app.UseCaptionsWeb();
app.UseRouting();
app.UseRateLimiter();
app.UseAuthentication();
app.UseAuthorization();

app.MapTicketsApi();
app.MapCaptionHub();
app.MapStatusApi();
app.MapAudioApi();
app.MapJoinApi();
app.MapKioskApi();
app.MapKioskHub();
app.MapSessionApi();
app.MapSettingsApi();
app.MapTranscriptsApi();
app.Run();
return 0;

/// <summary>Entry point; public so integration tests can host the app.</summary>
public partial class Program;
