namespace PxeRules.Cli;

/// <summary>The rule file <c>pxerules new</c> writes: every section, with TODOs and example stubs.</summary>
internal static class Scaffold
{
    public static string Rule(string id, string schema) => $@"# yaml-language-server: $schema={schema}
apiVersion: pxerules/v1
kind: Rule
id: {id}
title: TODO one line saying what the issue is
summary: >-
  TODO two or three sentences: what goes wrong, for whom, and what a person sees.
status: experimental
tags: []
severity: warning          # info | warning | error | critical (docs/rule-format.md)
confidence: inferred       # documented | inferred | folklore
appliesTo:
  versions: [RTM, SP1, SP2]
  roles: [pxe-service-point]
symptoms:
  - TODO what a person sees (PXE codes such as PXE-E53, log lines, events)
cause: >-
  TODO why it happens.
facts:
  wds:                      # TODO the facts the detection reads (docs/probes.md)
    probe: service
    args:
      name: WDSServer
when:
  fact: wds.state           # TODO the detection condition
  notEquals: Running
remediation:
  - text: TODO the first step, e.g. Start the WDS service on {{{{ machine.name }}}}.
    command: net start WDSServer
references:
  - title: TODO the document's title
    url: https://example.com/TODO
examples:
  - name: TODO the issue is present
    expect: detected
    facts:
      site: {{ siteCode: CEN, version: 4.00.6487.2000 }}
      wds: {{ name: WDSServer, state: Stopped, startMode: Automatic }}
  - name: TODO a healthy server
    expect: notDetected
    facts:
      site: {{ siteCode: CEN, version: 4.00.6487.2000 }}
      wds: {{ name: WDSServer, state: Running, startMode: Automatic }}
  - name: TODO a machine the rule does not apply to
    expect: notApplicable
    machine: {{ name: SITE01, roles: [site-server] }}
  - name: TODO a fact that cannot be read
    expect: inconclusive
    facts:
      site: {{ siteCode: CEN, version: 4.00.6487.2000 }}
    unavailable:
      wds: Access is denied.
";
}
