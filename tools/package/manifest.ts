// From the top-level imsmanifest.xml (neutral, version-free, edited by people) to the real manifest of each
// SCORM version. Only one renderer exists: the per-version facts come from tools/validate/scorm-versions.ts
// and the only version-specific markup (how the pass mark reaches the LMS) is in passMarkElements().

import { escapeXml, parseXml, XmlError, type XmlElement } from '../xml.ts';
import { XSI_NS, type VersionProfile } from '../validate/scorm-versions.ts';

export interface ManifestSource {
  identifier: string;
  version: string;
  /** organizations@default; defaults to the organization's identifier. */
  defaultOrganization: string;
  organization: { identifier: string; title: string };
  item: { identifier: string; identifierref: string; title: string };
  resource: { identifier: string; type: string; href: string };
}

export interface Placeholders {
  title: string;
  version: string;
}

export class ManifestSourceError extends Error {
  constructor(message: string, line: number) {
    super(`imsmanifest.xml:${line}: ${message}`);
  }
}

// The shape the source may have: allowed attributes (required ones marked with "!") and allowed children with
// their exact count. Anything else is rejected instead of silently dropped, so an edit never vanishes unseen.
const SHAPE: Record<string, { attrs: string[]; children: Record<string, number> }> = {
  manifest: { attrs: ['identifier!', 'version!'], children: { organizations: 1, resources: 1 } },
  organizations: { attrs: ['default'], children: { organization: 1 } },
  organization: { attrs: ['identifier!'], children: { title: 1, item: 1 } },
  item: { attrs: ['identifier!', 'identifierref!'], children: { title: 1 } },
  title: { attrs: [], children: {} },
  resources: { attrs: [], children: { resource: 1 } },
  resource: { attrs: ['identifier!', 'type!', 'scormType!', 'href!'], children: {} },
};
const WHY_NOT =
  'the build writes <metadata>, <file> lists, namespaces and version-specific elements itself, and this course has one organization, one item and one SCO';

/** Reads the source manifest, checks its shape and fills {{title}} / {{version}}. Throws ManifestSourceError. */
export function readManifestSource(xml: string, values: Placeholders): ManifestSource {
  let root: XmlElement;
  try {
    root = parseXml(xml).root;
  } catch (e) {
    if (e instanceof XmlError) throw new ManifestSourceError(e.reason, e.line);
    throw e;
  }
  if (root.name !== 'manifest')
    throw new ManifestSourceError(`the root element must be <manifest>, not <${root.name}>`, root.line);
  checkShape(root);

  const fill = (el: XmlElement, text: string): string =>
    text.replace(/\{\{\s*([^}]*?)\s*\}\}/g, (whole, key: string) => {
      if (key === 'title' || key === 'version') return values[key];
      throw new ManifestSourceError(
        `unknown placeholder ${whole}: only {{title}} and {{version}} (from course.yaml) exist`,
        el.line,
      );
    });
  const a = (el: XmlElement, name: string): string => fill(el, el.attrs.find((x) => x.name === name)!.value);
  const child = (el: XmlElement, name: string): XmlElement => el.children.find((c) => c.name === name)!;
  const title = (el: XmlElement): string => {
    const t = child(el, 'title');
    const text = fill(t, t.text.trim());
    if (!text) throw new ManifestSourceError('<title> is empty: write {{title}}', t.line);
    return text;
  };

  const organizations = child(root, 'organizations');
  const organization = child(organizations, 'organization');
  const item = child(organization, 'item');
  const resource = child(child(root, 'resources'), 'resource');
  if (a(resource, 'scormType') !== 'sco') {
    throw new ManifestSourceError(
      'scormType must be "sco": the course reports progress and score to the LMS',
      resource.line,
    );
  }
  return {
    identifier: a(root, 'identifier'),
    version: a(root, 'version'),
    // Kept as written: a wrong value is reported by the validator on the generated manifest.
    defaultOrganization: organizations.attrs.some((x) => x.name === 'default')
      ? a(organizations, 'default')
      : a(organization, 'identifier'),
    organization: { identifier: a(organization, 'identifier'), title: title(organization) },
    item: { identifier: a(item, 'identifier'), identifierref: a(item, 'identifierref'), title: title(item) },
    resource: { identifier: a(resource, 'identifier'), type: a(resource, 'type'), href: a(resource, 'href') },
  };
}

function checkShape(el: XmlElement): void {
  const shape = SHAPE[el.name]!;
  for (const at of el.attrs) {
    if (at.name.startsWith('xmlns'))
      throw new ManifestSourceError(`no namespace declarations here (${at.name}): ${WHY_NOT}`, el.line);
    if (!shape.attrs.some((s) => s.replace('!', '') === at.name)) {
      throw new ManifestSourceError(
        `<${el.name}> has no attribute ${at.name} here; allowed: ${shape.attrs.join(', ').replaceAll('!', '') || 'none'}`,
        el.line,
      );
    }
  }
  for (const s of shape.attrs.filter((s) => s.endsWith('!')).map((s) => s.slice(0, -1))) {
    if (!el.attrs.some((x) => x.name === s))
      throw new ManifestSourceError(`<${el.name}> needs the attribute ${s}`, el.line);
  }
  for (const c of el.children) {
    if (!(c.name in shape.children))
      throw new ManifestSourceError(`<${c.name}> is not supported inside <${el.name}>: ${WHY_NOT}`, c.line);
  }
  for (const [name, count] of Object.entries(shape.children)) {
    const n = el.children.filter((c) => c.name === name).length;
    if (n !== count)
      throw new ManifestSourceError(
        `<${el.name}> must contain exactly ${count} <${name}>, found ${n}: ${WHY_NOT}`,
        el.line,
      );
  }
  el.children.forEach(checkShape);
}

/** The imsmanifest.xml of one SCORM version, listing `files` (every file of the package except the manifest). */
export function renderManifest(
  src: ManifestSource,
  profile: VersionProfile,
  passMark: number,
  files: readonly string[],
): string {
  const e = escapeXml;
  const indent = ' '.repeat('<manifest '.length);
  const namespaces = [
    ...profile.namespaces.map((n) => `xmlns${n.prefix ? `:${n.prefix}` : ''}="${n.uri}"`),
    `xmlns:xsi="${XSI_NS}"`,
  ];
  const schemaLocation = profile.namespaces
    .map((n) => `${n.uri} ${n.xsd}`)
    .join(`\n${indent}${' '.repeat('xsi:schemaLocation="'.length)}`);
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<!-- Generated by tools/package/build-packages.ts from imsmanifest.xml and course.yaml: edit those, not this file. -->',
    `<manifest identifier="${e(src.identifier)}" version="${e(src.version)}"`,
    ...namespaces.map((n) => indent + n),
    `${indent}xsi:schemaLocation="${schemaLocation}">`,
    '  <metadata>',
    '    <schema>ADL SCORM</schema>',
    `    <schemaversion>${profile.schemaversion}</schemaversion>`,
    '  </metadata>',
    `  <organizations default="${e(src.defaultOrganization)}">`,
    `    <organization identifier="${e(src.organization.identifier)}">`,
    `      <title>${e(src.organization.title)}</title>`,
    `      <item identifier="${e(src.item.identifier)}" identifierref="${e(src.item.identifierref)}">`,
    `        <title>${e(src.item.title)}</title>`,
    ...passMarkElements(profile, passMark).map((line) => `        ${line}`),
    '      </item>',
    '    </organization>',
    '  </organizations>',
    '  <resources>',
    `    <resource identifier="${e(src.resource.identifier)}" type="${e(src.resource.type)}" adlcp:${profile.scormTypeAttr}="sco" href="${e(src.resource.href)}">`,
    ...files.map((f) => `      <file href="${e(f)}"/>`),
    '    </resource>',
    '  </resources>',
    '</manifest>',
    '',
  ].join('\n');
}

/**
 * How course.yaml's passMark (percent) reaches the LMS, which hands it to the course as
 * cmi.student_data.mastery_score (1.2) or cmi.scaled_passing_score (2004).
 */
function passMarkElements(profile: VersionProfile, passMark: number): string[] {
  switch (profile.version) {
    case '1.2':
      return [`<adlcp:masteryscore>${passMark}</adlcp:masteryscore>`];
    case '2004':
      return [
        '<imsss:sequencing>',
        '  <imsss:objectives>',
        '    <imsss:primaryObjective objectiveID="PRIMARYOBJ" satisfiedByMeasure="true">',
        `      <imsss:minNormalizedMeasure>${Number((passMark / 100).toFixed(4))}</imsss:minNormalizedMeasure>`,
        '    </imsss:primaryObjective>',
        '  </imsss:objectives>',
        // Without this the LMS may set completion/success itself on exit (adlnet/xAPI-SCORM-Profile #27).
        '  <imsss:deliveryControls completionSetByContent="true" objectiveSetByContent="true"/>',
        '</imsss:sequencing>',
      ];
  }
}
