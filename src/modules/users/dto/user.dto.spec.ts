import { probationEnd } from './user.dto';

describe('probationEnd', () => {
  it('is twelve months after admission for probationary members', () => {
    expect(probationEnd({ partyStatus: 'probationary', partyAdmissionDate: '2026-03-15' })).toBe('2027-03-15');
  });

  it('ends on 28 February for an admission on 29 February', () => {
    expect(probationEnd({ partyStatus: 'probationary', partyAdmissionDate: '2028-02-29' })).toBe('2029-02-28');
  });

  it('is null for everyone else', () => {
    expect(probationEnd({ partyStatus: 'full', partyAdmissionDate: '2020-01-01' })).toBeNull();
    expect(probationEnd({ partyStatus: 'probationary', partyAdmissionDate: null })).toBeNull();
    expect(probationEnd({ partyStatus: 'none', partyAdmissionDate: null })).toBeNull();
  });
});
