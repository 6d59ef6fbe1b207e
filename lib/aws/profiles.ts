/**
 * The profile names of the shared config and credentials files (`~/.aws/config`,
 * `~/.aws/credentials`, or AWS_CONFIG_FILE / AWS_SHARED_CREDENTIALS_FILE), for the profile
 * picker. Only names leave this module: the files' keys and secrets are never returned.
 */
import { loadSharedConfigFiles, type SharedConfigInit } from "@smithy/core/config";

export async function listAwsProfiles(files: Pick<SharedConfigInit, "filepath" | "configFilepath"> = {}): Promise<string[]> {
  // A missing or unreadable file is simply "no profiles": the default chain still applies.
  const { configFile, credentialsFile } = await loadSharedConfigFiles({ ...files, ignoreCache: true });
  const names = new Set([...Object.keys(configFile), ...Object.keys(credentialsFile)]);
  return [...names].sort((a, b) => (a === "default" ? -1 : b === "default" ? 1 : a.localeCompare(b)));
}
