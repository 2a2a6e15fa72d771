import type { Services } from '../container';
import { CredentialService } from './service';

const instances = new WeakMap<Services, CredentialService>();

/** One credential service per process: its session-only secrets live in that instance's memory. */
export function credentialsOf(services: Services): CredentialService {
  let c = instances.get(services);
  if (!c) {
    c = new CredentialService();
    instances.set(services, c);
  }
  return c;
}
