using PxeRules.Extensions.Hosting;
using PxeRules.Probes;
using PxeRulesWorker;

var builder = Host.CreateApplicationBuilder(args);

// The engine: rules and limits from the "PxeRules" section, validated before the worker starts.
builder.Services.AddPxeRules();
builder.Services.Configure<PxeRulesOptions>(builder.Configuration.GetSection("PxeRules"));

// The helpdesk's symptoms, one file per server: registered providers answer before the snapshot does.
builder.Services.AddSingleton<IProbeProvider>(sp => new TicketSymptomsProvider(builder.Configuration["Check:TicketFolder"] ?? "tickets"));

builder.Services.Configure<CheckOptions>(builder.Configuration.GetSection("Check"));
builder.Services.AddHostedService<CheckWorker>();

await builder.Build().RunAsync();
