import { beforeAll, describe, expect, it } from 'vitest';
import { as, createTestApi, type Session, signUpAs, type TestApi } from '../helpers/app.ts';

let api: TestApi;
let admin: Session;
const url = '/api/v1/dunning-plans';

beforeAll(async () => {
  api = await createTestApi();
  admin = await signUpAs(api, 'Plans');
});

describe('dunning plans', () => {
  it('creates a plan with ordered steps and lists it', async () => {
    const res = await as(api, admin).post(url, {
      name: 'Relance standard',
      steps: [
        { daysFromDue: -5, positions: [], includeMainContact: true },
        { daysFromDue: 15, positions: ['accounting', 'finance'], includeMainContact: false },
      ],
    });
    expect(res.statusCode).toBe(201);
    expect(res.json().steps).toEqual([
      { step: 1, daysFromDue: -5, positions: [], includeMainContact: true },
      { step: 2, daysFromDue: 15, positions: ['accounting', 'finance'], includeMainContact: false },
    ]);
    const list = (await as(api, admin).get(url)).json();
    expect(list.items.map((p: { name: string }) => p.name)).toContain('Relance standard');
  });

  it('refuses a duplicate name ignoring case, accents and spaces', async () => {
    await as(api, admin).post(url, { name: 'Pénalités' });
    const res = await as(api, admin).post(url, { name: '  penalites ' });
    expect(res.statusCode).toBe(409);
    expect(res.json().code).toBe('dunning_plan_name_taken');
  });

  it('validates steps', async () => {
    const res = await as(api, admin).post(url, { name: 'Bad', steps: [{ daysFromDue: 99999 }] });
    expect(res.statusCode).toBe(400);
    expect(res.json().code).toBe('validation_failed');
  });

  it('renames, replaces steps and deletes a plan', async () => {
    const p = (await as(api, admin).post(url, { name: 'Temp' })).json();
    const edited = await as(api, admin).patch(`${url}/${p.id}`, {
      name: 'Temporary',
      steps: [{ daysFromDue: 3 }],
    });
    expect(edited.json()).toMatchObject({
      name: 'Temporary',
      steps: [{ step: 1, daysFromDue: 3, positions: [], includeMainContact: true }],
    });
    expect((await as(api, admin).delete(`${url}/${p.id}`)).statusCode).toBe(204);
    expect((await as(api, admin).get(`${url}/${p.id}`)).statusCode).toBe(404);
  });
});
