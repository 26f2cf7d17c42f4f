using LiveStt.Appliance.Apis;
using LiveStt.Appliance.Audio;
using LiveStt.Appliance.Captions;
using LiveStt.Appliance.Guards;
using LiveStt.Appliance.Hosting;
using LiveStt.Appliance.Interop;
using LiveStt.Appliance.Models;
using LiveStt.Appliance.Speech;
using LiveStt.Appliance.Streaming;
using LiveStt.Appliance.Tickets;
using LiveStt.Appliance.Transcription;
using LiveStt.Appliance.Vocabulary;

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
    .AddCaptionStreaming(builder.Configuration)
    .AddTickets(builder.Configuration)
    .AddCaptionDelivery(builder.Configuration)
    .AddStatusApi();

var app = builder.Build();
app.MapCaptionsWeb();
app.MapTicketsApi();
app.MapCaptionHub();
app.MapStatusApi();
app.MapAudioApi();
app.Run();

/// <summary>Entry point; public so integration tests can host the app.</summary>
public partial class Program;
