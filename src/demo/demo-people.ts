// The people of the demo, the organisations around them, and the parties the stories
// name them by. Made up; only the register holds the names.
import type { Post } from './demo-client.js';

export const COUNCIL = 'Leeds City Council';
export const DAY_SERVICE_PROVIDER = 'Hillside Support';
export const SELF_ADVOCACY_GROUP = 'Speaking Up Together self-advocacy group';

/** Eight people who went to the Hillside day centre. Made up; only the register holds the names. */
export const demoPeople = [
  { personId: 'P-HS01', name: 'Aisha Khan', needs: ['easy-read'], contact: 'via Hillside Support' },
  { personId: 'P-HS02', name: 'Tom Barker', needs: ['easy-read', 'advocate'], contact: 'tom.barker@example.org' },
  { personId: 'P-HS03', name: 'Grace Okafor', needs: ['british-sign-language'], contact: 'text 07700 900123' },
  { personId: 'P-HS04', name: 'Daniel Price', needs: ['easy-read'], contact: 'via his sister, Ruth Price' },
  { personId: 'P-HS05', name: 'Mary Whitfield', needs: ['large-print'], contact: '0113 496 0001' },
  { personId: 'P-HS06', name: 'Sam Lee', needs: ['easy-read', 'advocate'], contact: 'via his advocate' },
  { personId: 'P-HS07', name: 'Joseph Hart', needs: ['audio'], contact: '0113 496 0002' },
  { personId: 'P-HS08', name: 'Priya Shah', needs: ['easy-read'], contact: 'priya.shah@example.org' },
] as const;

export const person = (personId: string) => ({ role: 'person-using-support', personId });
export const commissioner = { role: 'commissioner', organisation: COUNCIL };
export const provider = { role: 'provider', organisation: DAY_SERVICE_PROVIDER };
export const selfAdvocates = { role: 'self-advocate', label: SELF_ADVOCACY_GROUP };
/** The self-advocate token speaks as its own person (P-HS01), a member of the group. */
export const aishaForTheGroup = { role: 'self-advocate', personId: 'P-HS01', label: SELF_ADVOCACY_GROUP };

/** The provider register first: contracts, budgets and the person register name only registered providers. */
export async function registerDemoProviders(post: Post, council: string): Promise<void> {
  await post(council, '/providers', { name: DAY_SERVICE_PROVIDER });
}

/** The register: each person once, with the formats they need. */
export async function registerDemoPeople(post: Post, council: string): Promise<void> {
  for (const p of demoPeople) {
    await post(council, '/people', {
      personId: p.personId,
      name: p.name,
      contactDetails: p.contact,
      communicationNeeds: p.needs.map((need) => ({ need })),
      supportedBy: [DAY_SERVICE_PROVIDER],
    });
  }
}
