/*
 * A stand-in for the .NET Framework's wminet_utils.dll, for running the Windows provider under Wine.
 *
 * System.Management (the NuGet package used on .NET) does not call WMI itself: it loads wminet_utils.dll from
 * the .NET Framework folder named by HKLM\SOFTWARE\Microsoft\.NETFramework\InstallRoot and calls these exports.
 * Wine ships WMI (wbemprox) but not that DLL. Each export here forwards to the COM interface it names; the
 * security ones (blanket, impersonation) do nothing, as Wine's WMI is in-process and local.
 * The "vFunc" argument is the vtable slot the caller means; the interface method is called by name instead.
 */
#define COBJMACROS
#include <windows.h>
#include <objbase.h>
#include <oleauto.h>
#include <wbemcli.h>

HRESULT WINAPI wn_ResetSecurity(HANDLE token) { (void)token; return S_OK; }

HRESULT WINAPI wn_SetSecurity(BOOL *needToReset, HANDLE *token)
{
    if (needToReset) *needToReset = FALSE;
    if (token) *token = NULL;
    return S_OK;
}

HRESULT WINAPI wn_BlessIWbemServices(IWbemServices *services, BSTR user, void *password, BSTR authority, int imp, int authn)
{
    (void)services; (void)user; (void)password; (void)authority; (void)imp; (void)authn;
    return S_OK;
}

HRESULT WINAPI wn_BlessIWbemServicesObject(IUnknown *object, BSTR user, void *password, BSTR authority, int imp, int authn)
{
    (void)object; (void)user; (void)password; (void)authority; (void)imp; (void)authn;
    return S_OK;
}

HRESULT WINAPI wn_GetPropertyHandle(int f, IWbemObjectAccess *p, LPCWSTR name, CIMTYPE *type, long *handle)
{ (void)f; return IWbemObjectAccess_GetPropertyHandle(p, name, type, handle); }

HRESULT WINAPI wn_WritePropertyValue(int f, IWbemObjectAccess *p, long handle, long bytes, LPCWSTR text)
{ (void)f; return IWbemObjectAccess_WritePropertyValue(p, handle, bytes, (const byte *)text); }

HRESULT WINAPI wn_Clone(int f, IWbemClassObject *p, IWbemClassObject **copy) { (void)f; return IWbemClassObject_Clone(p, copy); }

void WINAPI wn_VerifyClientKey(void) {}

HRESULT WINAPI wn_GetQualifierSet(int f, IWbemClassObject *p, IWbemQualifierSet **set) { (void)f; return IWbemClassObject_GetQualifierSet(p, set); }

HRESULT WINAPI wn_Get(int f, IWbemClassObject *p, LPCWSTR name, LONG flags, VARIANT *value, CIMTYPE *type, LONG *flavor)
{ (void)f; return IWbemClassObject_Get(p, name, flags, value, type, flavor); }

HRESULT WINAPI wn_Put(int f, IWbemClassObject *p, LPCWSTR name, LONG flags, VARIANT *value, CIMTYPE type)
{ (void)f; return IWbemClassObject_Put(p, name, flags, value, type); }

HRESULT WINAPI wn_Delete(int f, IWbemClassObject *p, LPCWSTR name) { (void)f; return IWbemClassObject_Delete(p, name); }

HRESULT WINAPI wn_GetNames(int f, IWbemClassObject *p, LPCWSTR qualifier, LONG flags, VARIANT *qualifierValue, SAFEARRAY **names)
{ (void)f; return IWbemClassObject_GetNames(p, qualifier, flags, qualifierValue, names); }

HRESULT WINAPI wn_BeginEnumeration(int f, IWbemClassObject *p, LONG flags) { (void)f; return IWbemClassObject_BeginEnumeration(p, flags); }

HRESULT WINAPI wn_Next(int f, IWbemClassObject *p, LONG flags, BSTR *name, VARIANT *value, CIMTYPE *type, LONG *flavor)
{
    (void)f;
    /* The caller passes its previous name in; Next allocates a new one. */
    if (name && *name) { SysFreeString(*name); *name = NULL; }
    return IWbemClassObject_Next(p, flags, name, value, type, flavor);
}

HRESULT WINAPI wn_EndEnumeration(int f, IWbemClassObject *p) { (void)f; return IWbemClassObject_EndEnumeration(p); }

HRESULT WINAPI wn_GetPropertyQualifierSet(int f, IWbemClassObject *p, LPCWSTR property, IWbemQualifierSet **set)
{ (void)f; return IWbemClassObject_GetPropertyQualifierSet(p, property, set); }

HRESULT WINAPI wn_GetObjectText(int f, IWbemClassObject *p, LONG flags, BSTR *text) { (void)f; return IWbemClassObject_GetObjectText(p, flags, text); }

HRESULT WINAPI wn_SpawnDerivedClass(int f, IWbemClassObject *p, LONG flags, IWbemClassObject **out) { (void)f; return IWbemClassObject_SpawnDerivedClass(p, flags, out); }

HRESULT WINAPI wn_SpawnInstance(int f, IWbemClassObject *p, LONG flags, IWbemClassObject **out) { (void)f; return IWbemClassObject_SpawnInstance(p, flags, out); }

HRESULT WINAPI wn_CompareTo(int f, IWbemClassObject *p, LONG flags, IWbemClassObject *other) { (void)f; return IWbemClassObject_CompareTo(p, flags, other); }

HRESULT WINAPI wn_GetPropertyOrigin(int f, IWbemClassObject *p, LPCWSTR name, BSTR *className) { (void)f; return IWbemClassObject_GetPropertyOrigin(p, name, className); }

HRESULT WINAPI wn_InheritsFrom(int f, IWbemClassObject *p, LPCWSTR ancestor) { (void)f; return IWbemClassObject_InheritsFrom(p, ancestor); }

HRESULT WINAPI wn_GetMethod(int f, IWbemClassObject *p, LPCWSTR name, LONG flags, IWbemClassObject **in, IWbemClassObject **out)
{ (void)f; return IWbemClassObject_GetMethod(p, name, flags, in, out); }

HRESULT WINAPI wn_PutMethod(int f, IWbemClassObject *p, LPCWSTR name, LONG flags, IWbemClassObject *in, IWbemClassObject *out)
{ (void)f; return IWbemClassObject_PutMethod(p, name, flags, in, out); }

HRESULT WINAPI wn_DeleteMethod(int f, IWbemClassObject *p, LPCWSTR name) { (void)f; return IWbemClassObject_DeleteMethod(p, name); }

HRESULT WINAPI wn_BeginMethodEnumeration(int f, IWbemClassObject *p, LONG flags) { (void)f; return IWbemClassObject_BeginMethodEnumeration(p, flags); }

HRESULT WINAPI wn_NextMethod(int f, IWbemClassObject *p, LONG flags, BSTR *name, IWbemClassObject **in, IWbemClassObject **out)
{ (void)f; return IWbemClassObject_NextMethod(p, flags, name, in, out); }

HRESULT WINAPI wn_EndMethodEnumeration(int f, IWbemClassObject *p) { (void)f; return IWbemClassObject_EndMethodEnumeration(p); }

HRESULT WINAPI wn_GetMethodQualifierSet(int f, IWbemClassObject *p, LPCWSTR method, IWbemQualifierSet **set)
{ (void)f; return IWbemClassObject_GetMethodQualifierSet(p, method, set); }

HRESULT WINAPI wn_GetMethodOrigin(int f, IWbemClassObject *p, LPCWSTR method, BSTR *className) { (void)f; return IWbemClassObject_GetMethodOrigin(p, method, className); }

HRESULT WINAPI wn_QualifierSet_Get(int f, IWbemQualifierSet *p, LPCWSTR name, LONG flags, VARIANT *value, LONG *flavor)
{ (void)f; return IWbemQualifierSet_Get(p, name, flags, value, flavor); }

HRESULT WINAPI wn_QualifierSet_Put(int f, IWbemQualifierSet *p, LPCWSTR name, VARIANT *value, LONG flavor)
{ (void)f; return IWbemQualifierSet_Put(p, name, value, flavor); }

HRESULT WINAPI wn_QualifierSet_Delete(int f, IWbemQualifierSet *p, LPCWSTR name) { (void)f; return IWbemQualifierSet_Delete(p, name); }

HRESULT WINAPI wn_QualifierSet_GetNames(int f, IWbemQualifierSet *p, LONG flags, SAFEARRAY **names) { (void)f; return IWbemQualifierSet_GetNames(p, flags, names); }

HRESULT WINAPI wn_QualifierSet_BeginEnumeration(int f, IWbemQualifierSet *p, LONG flags) { (void)f; return IWbemQualifierSet_BeginEnumeration(p, flags); }

HRESULT WINAPI wn_QualifierSet_Next(int f, IWbemQualifierSet *p, LONG flags, BSTR *name, VARIANT *value, LONG *flavor)
{ (void)f; return IWbemQualifierSet_Next(p, flags, name, value, flavor); }

HRESULT WINAPI wn_QualifierSet_EndEnumeration(int f, IWbemQualifierSet *p) { (void)f; return IWbemQualifierSet_EndEnumeration(p); }

HRESULT WINAPI wn_GetCurrentApartmentType(int f, IComThreadingInfo *p, APTTYPE *type) { (void)f; return IComThreadingInfo_GetCurrentApartmentType(p, type); }

HRESULT WINAPI wn_GetDemultiplexedStub(IUnknown *object, BOOL isLocal, IUnknown **out)
{
    (void)isLocal;
    /* Event sinks are not demultiplexed here: the caller gets its own object back. */
    if (!out) return E_POINTER;
    *out = object;
    if (object) IUnknown_AddRef(object);
    return S_OK;
}

HRESULT WINAPI wn_CreateInstanceEnumWmi(BSTR filter, LONG flags, IWbemContext *ctx, IEnumWbemClassObject **out, int imp, int authn,
    IWbemServices *ns, BSTR user, void *password, BSTR authority)
{
    (void)imp; (void)authn; (void)user; (void)password; (void)authority;
    return IWbemServices_CreateInstanceEnum(ns, filter, flags, ctx, out);
}

HRESULT WINAPI wn_CreateClassEnumWmi(BSTR superclass, LONG flags, IWbemContext *ctx, IEnumWbemClassObject **out, int imp, int authn,
    IWbemServices *ns, BSTR user, void *password, BSTR authority)
{
    (void)imp; (void)authn; (void)user; (void)password; (void)authority;
    return IWbemServices_CreateClassEnum(ns, superclass, flags, ctx, out);
}

HRESULT WINAPI wn_ExecQueryWmi(BSTR language, BSTR query, LONG flags, IWbemContext *ctx, IEnumWbemClassObject **out, int imp, int authn,
    IWbemServices *ns, BSTR user, void *password, BSTR authority)
{
    (void)imp; (void)authn; (void)user; (void)password; (void)authority;
    return IWbemServices_ExecQuery(ns, language, query, flags, ctx, out);
}

HRESULT WINAPI wn_ExecNotificationQueryWmi(BSTR language, BSTR query, LONG flags, IWbemContext *ctx, IEnumWbemClassObject **out, int imp,
    int authn, IWbemServices *ns, BSTR user, void *password, BSTR authority)
{
    (void)imp; (void)authn; (void)user; (void)password; (void)authority;
    return IWbemServices_ExecNotificationQuery(ns, language, query, flags, ctx, out);
}

HRESULT WINAPI wn_PutInstanceWmi(IWbemClassObject *instance, LONG flags, IWbemContext *ctx, IWbemCallResult **result, int imp, int authn,
    IWbemServices *ns, BSTR user, void *password, BSTR authority)
{
    (void)imp; (void)authn; (void)user; (void)password; (void)authority;
    return IWbemServices_PutInstance(ns, instance, flags, ctx, result);
}

HRESULT WINAPI wn_PutClassWmi(IWbemClassObject *object, LONG flags, IWbemContext *ctx, IWbemCallResult **result, int imp, int authn,
    IWbemServices *ns, BSTR user, void *password, BSTR authority)
{
    (void)imp; (void)authn; (void)user; (void)password; (void)authority;
    return IWbemServices_PutClass(ns, object, flags, ctx, result);
}

HRESULT WINAPI wn_CloneEnumWbemClassObject(IEnumWbemClassObject **out, int imp, int authn, IEnumWbemClassObject *current, BSTR user,
    void *password, BSTR authority)
{
    (void)imp; (void)authn; (void)user; (void)password; (void)authority;
    return IEnumWbemClassObject_Clone(current, out);
}

HRESULT WINAPI wn_ConnectServerWmi(BSTR resource, BSTR user, void *password, BSTR locale, LONG securityFlags, BSTR authority,
    IWbemContext *ctx, IWbemServices **out, int imp, int authn)
{
    IWbemLocator *locator = NULL;
    HRESULT hr;
    (void)imp; (void)authn; (void)password;
    hr = CoCreateInstance(&CLSID_WbemLocator, NULL, CLSCTX_INPROC_SERVER, &IID_IWbemLocator, (void **)&locator);
    if (FAILED(hr)) return hr;
    hr = IWbemLocator_ConnectServer(locator, resource, user, NULL, locale, securityFlags, authority, ctx, out);
    IWbemLocator_Release(locator);
    return hr;
}

IErrorInfo *WINAPI wn_GetErrorInfo(void)
{
    IErrorInfo *info = NULL;
    if (GetErrorInfo(0, &info) != S_OK) return NULL;
    return info;
}

HRESULT WINAPI wn_Initialize(BOOL allowQueryInterface) { (void)allowQueryInterface; return S_OK; }
